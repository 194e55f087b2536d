"""Tools for the people who write the playbook: init, new, schemas and export."""
