"""The company using Clientela: its legal details, printed on quotes and invoices."""
