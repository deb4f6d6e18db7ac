from contratvie.cli import main

main()
