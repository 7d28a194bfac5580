"""Qt item models (a GUI concern; ``desktop.models`` is the ORM). Models read nothing
themselves: they are given DTO lists or page-fetch callables from the services."""
