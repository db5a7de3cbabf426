from monitoring.cli.main import main

raise SystemExit(main())
