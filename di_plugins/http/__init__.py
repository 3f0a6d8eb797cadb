"""DI's own HTTP surface (pure ASGI): the app, its routes and the surface handlers."""
