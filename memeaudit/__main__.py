from memeaudit.cli import main

main()
