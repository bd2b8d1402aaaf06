using BenchmarkDotNet.Attributes;
using Sipar.Modules.Calendar;

namespace Sipar.Benchmarks;

/// <summary>Appointment dates for 1,000,000 receipts spread over 2022–2030, with a 15:00 cut-off (target &lt; 1 s).</summary>
[MemoryDiagnoser]
public class CalendarBenchmarks
{
    private const int Count = 1_000_000;
    private readonly TimeOnly cutoff = new(15, 0);
    private WorkingDayCalendar calendar = null!;
    private DateTime[] received = null!;
    private int[] days = null!;

    [GlobalSetup]
    public void Setup()
    {
        calendar = CalendarService.Shipped();
        var random = new Random(20260101);
        var start = new DateTime(2022, 1, 1, 7, 0, 0);
        received = Enumerable.Range(0, Count).Select(_ => start.AddMinutes(random.Next(0, 9 * 365 * 24 * 60))).ToArray();
        days = Enumerable.Range(0, Count).Select(_ => random.Next(1, 46)).ToArray();
    }

    [Benchmark(Description = "calendar due × 1,000,000", OperationsPerInvoke = 1)]
    public int DueForOneMillionDates()
    {
        var checksum = 0;
        for (var i = 0; i < received.Length; i++)
        {
            checksum ^= calendar.AppointmentDate(received[i], days[i], cutoff).DayNumber;
        }

        return checksum;
    }

    [Benchmark(Description = "build the calendar snapshot (2000–2100)")]
    public WorkingDayCalendar BuildSnapshot() => CalendarService.Shipped();
}
