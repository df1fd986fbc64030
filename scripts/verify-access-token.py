#!/usr/bin/env python3
"""Interoperability check: decode a CareerGini access token with PyJWT.

Usage: verify-access-token.py TOKEN SECRET
Exits 0 when PyJWT accepts the token as HS256 for the CareerGini API with the
claims the gateway promises; prints the reason and exits 1 otherwise.
"""
import sys
import uuid

import jwt  # PyJWT


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    token, secret = sys.argv[1], sys.argv[2]
    try:
        header = jwt.get_unverified_header(token)
        claims = jwt.decode(
            token,
            secret,
            algorithms=["HS256"],
            audience="careergini-api",
            issuer="careergini-gateway",
            leeway=60,
            options={"require": ["exp", "iat", "nbf", "sub", "aud", "iss", "jti"]},
        )
    except jwt.PyJWTError as error:
        print(f"PyJWT rejected the token: {error!r}", file=sys.stderr)
        return 1
    problems = []
    if header.get("alg") != "HS256":
        problems.append(f"alg is {header.get('alg')!r}")
    if header.get("typ") != "at+jwt":
        problems.append(f"typ is {header.get('typ')!r}")
    if claims["exp"] - claims["iat"] != 900:
        problems.append(f"lifetime is {claims['exp'] - claims['iat']} s, not 900")
    for name in ("sub", "sid"):
        try:
            uuid.UUID(str(claims.get(name)))
        except ValueError:
            problems.append(f"{name} is not a UUID: {claims.get(name)!r}")
    if not isinstance(claims.get("roles"), list):
        problems.append("roles is not a list")
    if problems:
        print("; ".join(problems), file=sys.stderr)
        return 1
    print(f"PyJWT {jwt.__version__} accepted the token for {claims['sub']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
