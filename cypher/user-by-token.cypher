// The user whose token hashes to $tokenHash (an index lookup: the hash, not the token, is stored).
MATCH (u:User {tokenHash: $tokenHash})
RETURN u.name AS name, u.role AS role, u.tokenHash AS tokenHash
