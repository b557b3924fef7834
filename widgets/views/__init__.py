"""Views: thin ipywidgets/plotly composites over the engine. One module per widget family."""
