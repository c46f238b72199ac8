"""Entities: recognition of mentions, linking to the knowledge base, resolution."""
