"""The SQL adapter against SQLite, PostgreSQL and MariaDB (issue 4); see conftest.py."""
