#!/usr/bin/env python
"""Django's command-line utility for administrative tasks.

Commands that only read the code and the migration files (making, listing and
showing migrations, help) sign nothing, so they run without SECRET_KEY: they
get a throwaway key for this process (config/env.py). Every other command, like
the server, needs SECRET_KEY or the embedded demo's key file. A refusal to
start prints its Vietnamese message, not a traceback.
"""
import os
import sys

# Commands that never use the secret key.
KEY_FREE_COMMANDS = {"makemigrations", "showmigrations", "sqlmigrate", "help", "version"}


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    command = sys.argv[1] if len(sys.argv) > 1 else "help"
    if command in KEY_FREE_COMMANDS or command in ("--help", "-h", "--version"):
        os.environ["CADRE_KEY_FREE_COMMAND"] = "1"
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as refusal:
        sys.stderr.write(f"{refusal}\n")
        sys.exit(1)


if __name__ == "__main__":
    main()
