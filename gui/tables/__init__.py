"""The three standard tables of a report (表二/表三/表四) as the reviewer checks and fills them."""
