"""The Django app of the migrations chapter: its models and the migrations that built them."""
