"""Any address the dashboard does not know."""
import dash
from dash import html

from dashboard.components import problem

dash.register_page(__name__, path="/404", name="Not found", title="Page not found - SCR monitor")


def layout(**_query) -> html.Div:
    return problem("There is no page at this address.", title="Page not found")
