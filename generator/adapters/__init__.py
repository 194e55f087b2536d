"""Engines that turn a prepared edition into a site. Only adapters import an engine."""
