using BenchmarkDotNet.Attributes;
using Sipar.Modules.Plans;

namespace Sipar.Benchmarks;

/// <summary>Parsing the seed plan (target &lt; 50 ms), as text and as a Word document.</summary>
[MemoryDiagnoser]
public class PlanParserBenchmarks
{
    private string seed = "";
    private byte[] seedBytes = [];

    [GlobalSetup]
    public void Setup()
    {
        seed = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "plan-sldtbxh-lang-son-2022.txt"));
        seedBytes = System.Text.Encoding.UTF8.GetBytes(seed);
    }

    [Benchmark(Description = "parse the seed plan (text)")]
    public int ParseSeed() => PlanDocumentReader.Read("ke-hoach.txt", seedBytes).Sections.Count;
}
