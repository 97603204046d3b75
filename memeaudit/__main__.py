from memeaudit.cli import run

run()
