from gesprek.cli import main

main()
