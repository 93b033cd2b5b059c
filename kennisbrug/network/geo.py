def map_context():
    return {}
