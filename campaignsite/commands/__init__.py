"""The commands, on top of the stages: `build`, `check`, `serve`, `init`, and the command line that runs them."""
