/**
 * Sigma 3 draws every node and edge as an instance of a few constant vertices (instanced
 * drawing). Without a GPU, Chromium's WebGL runs on SwiftShader, where an instanced draw costs
 * about ten times a plain one: 5,000 discs took 115–180 ms a draw against 8–40 ms for the same
 * triangles drawn plainly (measured here, 2 cores), and a large map's first frame waited on it.
 * `plainVertices` turns an instanced program into a plain one with the same shaders: each item's
 * data is written once per vertex, followed by that vertex's constant data, and drawn with
 * `drawArrays`. A GPU draws either form quickly; the plain one costs three to six times the
 * buffer, which at 20,000 items is a few megabytes.
 */
import { getAttributesItemsCount, type ProgramAttributeSpecification } from "sigma/rendering";

interface Definition {
  VERTICES: number;
  ATTRIBUTES: ProgramAttributeSpecification[];
  CONSTANT_ATTRIBUTES?: ProgramAttributeSpecification[];
  CONSTANT_DATA?: number[][];
}

/** What sigma's Program has that the conversion touches (its declarations mark some of it protected). */
interface ProgramShape {
  array: Float32Array;
  getDefinition(): Definition;
  processVisibleItem(index: number, startIndex: number, ...data: unknown[]): void;
}

// A mixin's base must take `...args: any[]` (TypeScript's rule for mixins).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Constructor<T = object> = new (...args: any[]) => T;

/** How one item's data lies in a plain program's buffer. */
interface Layout {
  /** Floats the instanced program writes for one item. */
  itemFloats: number;
  /** Per vertex, the constant floats that follow the item's own. */
  constants: Float32Array[];
  /** Where the instanced program writes one item, before it is copied to each vertex. */
  scratch: Float32Array;
}

function layoutOf(definition: Definition): Layout {
  // Sigma's own count: a normalised byte vector (a colour, an id) packs into one float.
  const itemFloats = getAttributesItemsCount(definition.ATTRIBUTES);
  return {
    itemFloats,
    constants: (definition.CONSTANT_DATA ?? []).map((vector) => Float32Array.from(vector)),
    scratch: new Float32Array(itemFloats),
  };
}

/** The same program drawn without instancing (one that is not instanced draws as before). */
export function plainVertices<C extends Constructor>(Base: C): C {
  // sigma's declarations keep the members used here protected or abstract.
  const Program = Base as Constructor<ProgramShape>;
  const base = Program.prototype as ProgramShape;
  return class PlainProgram extends Program {
    // Set on the first item, not as a field: sigma's constructor calls getDefinition before fields exist.
    declare plainLayout: Layout | undefined;

    getDefinition(): Definition {
      const instanced = base.getDefinition.call(this);
      if (!instanced.CONSTANT_ATTRIBUTES) return instanced;
      const { CONSTANT_ATTRIBUTES, CONSTANT_DATA: _constantData, ...definition } = instanced;
      return { ...definition, ATTRIBUTES: [...definition.ATTRIBUTES, ...CONSTANT_ATTRIBUTES] };
    }

    processVisibleItem(index: number, startIndex: number, ...data: unknown[]): void {
      const layout = (this.plainLayout ??= layoutOf(base.getDefinition.call(this)));
      const { itemFloats, constants, scratch } = layout;
      if (constants.length === 0) return base.processVisibleItem.call(this, index, startIndex, ...data);
      const target = this.array;
      this.array = scratch;
      try {
        base.processVisibleItem.call(this, index, 0, ...data);
      } finally {
        this.array = target;
      }
      let at = startIndex;
      for (const constant of constants) {
        for (let k = 0; k < itemFloats; k++) target[at++] = scratch[k]!;
        for (let k = 0; k < constant.length; k++) target[at++] = constant[k]!;
      }
    }
  } as C;
}
