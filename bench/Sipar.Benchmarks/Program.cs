using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Sipar.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Sipar.Benchmarks.CalendarBenchmarks).Assembly).Run(args);
