"""The worksheet's four steps, one class each: the review, the actors, the coalition, export."""
