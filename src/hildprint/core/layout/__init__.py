"""Layout: fonts, fitted text, label stock, badge templates and badge faces, decided without drawing."""
