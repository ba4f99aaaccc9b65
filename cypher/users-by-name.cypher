// Which of $names are users.
MATCH (u:User) WHERE u.name IN $names
RETURN u.name AS name
