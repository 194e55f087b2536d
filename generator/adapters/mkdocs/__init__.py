"""The MkDocs adapter: the plugin, running builds and serve, and the MkDocs configuration.
The only package that imports mkdocs or material."""
