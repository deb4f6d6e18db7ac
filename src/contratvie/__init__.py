"""contratvie: audit des contrats de ville sous l'angle de la vie associative."""

__version__ = "0.1.0"
