"""The migrations of the shop app, in the order Django applies them."""
