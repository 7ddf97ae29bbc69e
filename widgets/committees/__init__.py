"""The committee explorer: who supports NGOs at each treaty body (model and view).

Named `committees` so that it does not shadow the `widgets.explorer()` function."""
