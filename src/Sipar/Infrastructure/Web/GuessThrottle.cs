using System.Collections.Concurrent;
using System.Net;

namespace Sipar.Infrastructure.Web;

/// <summary>
/// Progressive delays per client address for anything that can be guessed (a password, a dossier's lookup secret):
/// after a number of free failures from one address within <see cref="Window"/>, that address must wait 1, 2, 4, 8…
/// seconds (at most <see cref="MaxDelay"/>) before its next attempt is even checked. Kept in memory per instance:
/// behind a load balancer each instance throttles on its own, which only makes the delays shorter by the number of
/// instances.
/// </summary>
internal abstract class GuessThrottle(TimeProvider clock, int freeFailures)
{

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(15);

    private const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>How long the address must still wait; zero when it may try now.</summary>
    public TimeSpan WaitFor(IPAddress? address)
    {
        var now = clock.GetUtcNow();
        return entries.TryGetValue(Key(address), out var e) && e.BlockedUntil > now ? e.BlockedUntil - now : TimeSpan.Zero;
    }

    /// <summary>Whether the address failed recently.</summary>
    public bool HasFailed(IPAddress? address) =>
        entries.TryGetValue(Key(address), out var e) && clock.GetUtcNow() - e.LastFailure <= Window;

    public void Failed(IPAddress? address)
    {
        var now = clock.GetUtcNow();
        if (entries.Count > MaxEntries)
        {
            foreach (var (key, old) in entries)
            {
                if (now - old.LastFailure > Window)
                {
                    entries.TryRemove(key, out _);
                }
            }
        }

        entries.AddOrUpdate(
            Key(address),
            _ => new Entry(1, now, now),
            (_, e) =>
            {
                var failures = now - e.LastFailure > Window ? 1 : e.Failures + 1;
                var extra = failures - freeFailures;
                var delay = extra <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(Math.Pow(2, extra - 1), MaxDelay.TotalSeconds));
                return new Entry(failures, now, now + delay);
            });
    }

    public void Succeeded(IPAddress? address) => entries.TryRemove(Key(address), out _);

    private static string Key(IPAddress? address) => address?.ToString() ?? "";

    private sealed record Entry(int Failures, DateTimeOffset LastFailure, DateTimeOffset BlockedUntil);
}
