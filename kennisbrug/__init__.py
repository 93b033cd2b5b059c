"""Kennisbrug: the knowledge platform of the Werkplaatsen Sociaal Domein."""
