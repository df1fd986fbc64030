#!/usr/bin/env python3
"""Validate JSON Resume documents against the official schema with jsonschema.

Usage: validate-json-resume.py SCHEMA FILE [FILE ...]
Prints every violation (path and message) and exits 1 when any file is invalid,
2 when jsonschema is missing. The profile-service tests run it on our exports.
"""
import json
import sys

try:
    import jsonschema
except ImportError:
    print("jsonschema is not installed: pip install jsonschema", file=sys.stderr)
    sys.exit(2)


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as handle:
        schema = json.load(handle)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    failures = 0
    for path in argv[2:]:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
        errors = sorted(validator.iter_errors(document), key=lambda error: list(error.absolute_path))
        for error in errors:
            where = "/" + "/".join(str(part) for part in error.absolute_path)
            print(f"{path}: {where}: {error.message}")
        if errors:
            failures += 1
        else:
            print(f"{path}: valid")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
