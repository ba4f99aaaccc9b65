/**
 * The signed-in user's token, kept in this browser only (localStorage), and
 * the header every request carries with it: private maps are read with it
 * too, not only edited.
 */
const TOKEN_KEY = "argmap.token";

export const session = {
  get token(): string | null {
    try {
      return localStorage.getItem(TOKEN_KEY);
    } catch {
      return null; // storage disabled: nobody is signed in
    }
  },
  set token(value: string | null) {
    if (value) localStorage.setItem(TOKEN_KEY, value);
    else localStorage.removeItem(TOKEN_KEY);
  },
};

export function authHeaders(): Record<string, string> {
  const token = session.token;
  return token ? { Authorization: `Bearer ${token}` } : {};
}
