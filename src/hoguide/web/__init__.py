"""The web shell: a FastAPI app over the same core (extra ``hoguide[web]``)."""
