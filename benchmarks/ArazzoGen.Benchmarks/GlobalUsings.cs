// The in-memory AdditionalFiles and build options the CLI and the benchmarks use too (src/Shared).
global using ArazzoGen.Hosting;
