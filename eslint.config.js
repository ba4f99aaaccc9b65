// Type-aware lint for the whole project (server, contract, client, CLI, tests, bench, scripts).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "client/dist/", "neo4j/target/", ".argmap/", "test-results/", "bench/results/", ".scratch/", "**/*.mjs", "**/*.cjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // The two tool configs sit outside tsconfig.json's `include` (they are not part of the program).
        projectService: { allowDefaultProject: ["vitest.config.ts", "client/vite.config.ts"] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      // Route handlers and CLI commands implement an async interface; a body that happens not to await is fine.
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    // Tests read response bodies (`await res.json()`, `page.evaluate`) and assert on their shape: the
    // assertion is the check, so an untyped body there is not the hazard it is in production code.
    files: ["tests/**"],
    rules: {
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-explicit-any": "off",
    },
  },
  { files: ["eslint.config.js"], ...tseslint.configs.disableTypeChecked },
);
