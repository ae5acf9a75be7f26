"""The SQL adapter against SQLite, PostgreSQL and MariaDB; see conftest.py."""
