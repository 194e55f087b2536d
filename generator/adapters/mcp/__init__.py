"""The playbook for AI assistants: a local MCP server over one edition (`playbook mcp`)."""
