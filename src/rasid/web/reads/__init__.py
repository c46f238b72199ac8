"""What the dashboard reads from the store, as plain JSON-ready dicts.

Each module answers one kind of question (articles, actors, events, dyads, the
overview) with SQL over the store's documented tables. Every value a user gives is a
bound parameter; only column names and fixed fragments from these modules are ever
written into SQL text.
"""
