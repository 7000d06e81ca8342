"""Customer analytics: classify, value and assign customers (RFM, Pareto, lifetime value, BCG,
attractiveness, satisfaction × loyalty, portfolios). Reads the domain apps; nothing imports it."""
