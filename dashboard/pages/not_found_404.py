"""Any address the dashboard does not know."""
import dash
from dash import html

from dashboard.components import page_heading, problem

dash.register_page(__name__, path="/404", name="Not found", title="Page not found - SCR monitor")


def layout(**_query) -> html.Div:
    return html.Div([page_heading("Page not found"), problem("There is no page at this address.")])
