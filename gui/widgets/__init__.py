"""What every room shares: the report view (text and PDF pages), the keyboard selection, colours and wordings, the background task adapter and the confirmation guard. Nothing here imports a room."""
