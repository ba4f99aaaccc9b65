// A new user; the unique constraint on name refuses a second user of the same name.
CREATE (u:User {name: $name, role: $role, tokenHash: $tokenHash, createdAt: datetime()})
RETURN u.name AS name, u.role AS role
