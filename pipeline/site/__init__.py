"""The download site (`make site` → build/site/): each issue's page with its files, the index of each
edition, the OPDS catalogs e-reader apps browse, and `make serve`."""
