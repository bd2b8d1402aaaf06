using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Sipar.Infrastructure.Data;
using Sipar.Modules.Organisation;
using Sipar.Modules.Sipas;

namespace Sipar.Benchmarks;

/// <summary>
/// bench/sipas.sh on PostgreSQL: a wave with N valid responses × the 16 items of the standard service questionnaire (binary
/// COPY, fixed seed), the wave's indices with intervals through Sipar next to one hand-written scan counting every item's
/// answers, and drawn contacts whose tokens the public-page run (wrk) submits on.
/// </summary>
internal static class SipasBench
{
    public static async Task<(Guid WaveId, string TokensFile)> SeedAsync(IServiceProvider services, string connectionString, int responses, int tokens, string tokensFile)
    {
        Guid agencyId;
        Guid waveId;
        Guid questionnaireId;
        await using (var scope = services.CreateAsyncScope())
        {
            var sp = scope.ServiceProvider;
            var db = sp.GetRequiredService<SiparDbContext>();
            var agency = Agency.Create($"Sở khảo sát {Guid.NewGuid():N}"[..24], "SKS", "Lạng Sơn", AgencyKind.Department);
            db.Add(agency);
            db.Add(Unit.Create(agency.Id, "Văn phòng", "VP", UnitKind.Office, null, 1));
            await db.SaveChangesAsync();
            agencyId = agency.Id;
            questionnaireId = await sp.GetRequiredService<QuestionnaireLibrary>().ImportAsync(QuestionnaireLibrary.StandardJson("standard-service"), CancellationToken.None);
            var waves = sp.GetRequiredService<SurveyWaves>();
            waveId = await waves.CreateAsync(agencyId, new WaveSettings("SIPAS bench", new DateOnly(2026, 1, 1), new DateOnly(2026, 11, 30), new DateOnly(2099, 12, 31), questionnaireId,
                [agencyId], [], SurveyChannels.Online, 0.05m, Stratification.None, MinCell: 30), CancellationToken.None);
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var random = new Random(20261201);
        const string levels = "1223344444455555555";
        var now = new DateTime(2026, 12, 1, 2, 0, 0, DateTimeKind.Utc);
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY sipas_responses (\"Id\", \"WaveId\", \"QuestionnaireId\", \"Channel\", \"Stratum\", \"AgencyId\", \"ProcedureCode\", \"Answers\", \"Profile\", \"Expectations\", \"Comments\", \"StartedAt\", \"SubmittedAt\", \"Review\", \"Flags\", \"Recheck\", \"Corrections\") FROM STDIN (FORMAT BINARY)"))
        {
            var answer = new char[16];
            for (var r = 0; r < responses; r++)
            {
                for (var i = 0; i < 16; i++)
                {
                    answer[i] = random.NextDouble() < 0.03 ? '-' : levels[random.Next(levels.Length)];
                }

                await copy.StartRowAsync();
                await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await copy.WriteAsync(waveId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(questionnaireId, NpgsqlDbType.Uuid);
                await copy.WriteAsync("Online", NpgsqlDbType.Varchar);
                await copy.WriteAsync("", NpgsqlDbType.Varchar);
                await copy.WriteAsync(agencyId, NpgsqlDbType.Uuid);
                await copy.WriteAsync("1.001234", NpgsqlDbType.Varchar);
                await copy.WriteAsync(new string(answer), NpgsqlDbType.Varchar);
                await copy.WriteAsync("", NpgsqlDbType.Varchar);
                await copy.WriteAsync((r % 8 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), NpgsqlDbType.Varchar);
                await copy.WriteAsync("", NpgsqlDbType.Varchar);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync("Valid", NpgsqlDbType.Varchar);
                await copy.WriteAsync("", NpgsqlDbType.Varchar);
                await copy.WriteAsync("None", NpgsqlDbType.Varchar);
                await copy.WriteAsync("", NpgsqlDbType.Varchar);
            }

            await copy.CompleteAsync();
        }

        var codes = new List<string>(tokens);
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY sipas_contacts (\"Id\", \"WaveId\", \"Sequence\", \"Stratum\", \"Name\", \"Phone\", \"AgencyId\", \"ProcedureCode\", \"ProcedureName\", \"Source\", \"SourceKey\", \"Rank\", \"State\", \"Token\") FROM STDIN (FORMAT BINARY)"))
        {
            for (var c = 0; c < tokens; c++)
            {
                var token = Contact.NewToken();
                codes.Add(token);
                await copy.StartRowAsync();
                await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await copy.WriteAsync(waveId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(c + 1, NpgsqlDbType.Integer);
                await copy.WriteAsync("", NpgsqlDbType.Varchar);
                await copy.WriteAsync($"Người dân {c}", NpgsqlDbType.Varchar);
                await copy.WriteAsync($"09{c:00000000}", NpgsqlDbType.Varchar);
                await copy.WriteAsync(agencyId, NpgsqlDbType.Uuid);
                await copy.WriteAsync("1.001234", NpgsqlDbType.Varchar);
                await copy.WriteAsync("Cấp giấy phép", NpgsqlDbType.Varchar);
                await copy.WriteAsync("Imported", NpgsqlDbType.Varchar);
                await copy.WriteAsync($"row {c}", NpgsqlDbType.Varchar);
                await copy.WriteAsync(c + 1, NpgsqlDbType.Integer);
                await copy.WriteAsync("Sampled", NpgsqlDbType.Varchar);
                await copy.WriteAsync(token, NpgsqlDbType.Varchar);
            }

            await copy.CompleteAsync();
        }

        await using (var update = new NpgsqlCommand("UPDATE sipas_waves SET \"Status\" = 'Sampled', \"Seed\" = 1 WHERE \"Id\" = @id", connection))
        {
            update.Parameters.AddWithValue("id", waveId);
            await update.ExecuteNonQueryAsync();
        }

        await using (var analyze = new NpgsqlCommand("ANALYZE sipas_responses; ANALYZE sipas_contacts", connection))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        await File.WriteAllLinesAsync(tokensFile, codes);
        return (waveId, tokensFile);
    }

    /// <summary>The wave's indices through Sipar (WaveIndices: the responses read, the bootstrap), then the hand-written scan, alternately.</summary>
    public static async Task<int> IndicesAsync(IServiceProvider services, string connectionString, Guid waveId, int iterations)
    {
        var sipar = new List<double>();
        var sql = new List<double>();
        SipasIndices? result = null;
        long[] hand = [];
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        for (var i = 0; i < iterations + 1; i++)
        {
            await using (var scope = services.CreateAsyncScope())
            {
                var watch = Stopwatch.StartNew();
                result = (await scope.ServiceProvider.GetRequiredService<WaveIndices>().ComputeAsync(waveId, CancellationToken.None)).Overall;
                if (i >= 1)
                {
                    sipar.Add(watch.Elapsed.TotalMilliseconds);
                }
            }

            var w = Stopwatch.StartNew();
            hand = await HandWrittenAsync(connection, waveId);
            if (i >= 1)
            {
                sql.Add(w.Elapsed.TotalMilliseconds);
            }
        }

        var items = result!.Aspects.SelectMany(a => a.Factors).SelectMany(f => f.Items).ToList();
        for (var k = 0; k < 16; k++)
        {
            var share = hand[(2 * k) + 1] == 0 ? 0 : Math.Round(100m * hand[2 * k] / hand[(2 * k) + 1], 2, MidpointRounding.AwayFromZero);
            if (items[k].Index.Value != share || items[k].Index.N != hand[(2 * k) + 1])
            {
                Console.Error.WriteLine($"{items[k].Code}: Sipar {items[k].Index.Value}% of {items[k].Index.N}, SQL {share}% of {hand[(2 * k) + 1]}");
                return 1;
            }
        }

        Console.WriteLine($"indices over {result.Responses:N0} responses: overall {result.Overall.Value}% [{result.Overall.Low}–{result.Overall.High}]");
        Console.WriteLine($"{"",-40} {"p50 ms",10} {"p95 ms",10}");
        Console.WriteLine($"{"Sipar (indices, Wilson + bootstrap)",-40} {P(sipar, 0.5),10:0.0} {P(sipar, 0.95),10:0.0}");
        Console.WriteLine($"{"hand-written SQL (16 items counted)",-40} {P(sql, 0.5),10:0.0} {P(sql, 0.95),10:0.0}");
        Console.WriteLine($"ratio p50: {P(sipar, 0.5) / P(sql, 0.5):0.00}×");
        return 0;
    }

    // One scan: for each of the 16 items, the answers at 4–5 and the answers 1–5.
    private static async Task<long[]> HandWrittenAsync(NpgsqlConnection connection, Guid waveId)
    {
        var parts = Enumerable.Range(1, 16).SelectMany(k => new[]
        {
            $"count(*) FILTER (WHERE substr(\"Answers\", {k}, 1) IN ('4','5'))",
            $"count(*) FILTER (WHERE substr(\"Answers\", {k}, 1) IN ('1','2','3','4','5'))",
        });
        var sql = $"SELECT {string.Join(", ", parts)} FROM sipas_responses WHERE \"WaveId\" = @w AND \"SubmittedAt\" IS NOT NULL AND \"Review\" = 'Valid' AND \"Recheck\" <> 'Differs'";
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        command.Parameters.AddWithValue("w", waveId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return [.. Enumerable.Range(0, 32).Select(reader.GetInt64)];
    }

    /// <summary>
    /// The machine's ceiling for the same work: a bare Kestrel endpoint taking the posted form, finding the drawn contact by its
    /// code with one hand-written query, and in one transaction inserting the response and marking the contact answered.
    /// </summary>
    public static async Task BareSubmitAsync(string url, string connectionString)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        await using var source = NpgsqlDataSource.Create(connectionString);
        await using var app = builder.Build();
        string[] codes = ["TC1", "TC2", "TC3", "TT1", "TT2", "TT3", "TT4", "CC1", "CC2", "CC3", "KQ1", "KQ2", "KQ3", "PA1", "PA2", "PA3"];
        app.MapPost("/khao-sat", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            var answers = new string([.. codes.Select(c => form[$"Items[{c}]"].ToString() is { Length: 1 } v ? v[0] : '-')]);
            await using var connection = await source.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using var find = new NpgsqlCommand(
                "SELECT c.\"Id\", c.\"WaveId\", w.\"QuestionnaireId\", c.\"AgencyId\" FROM sipas_contacts c JOIN sipas_waves w ON w.\"Id\" = c.\"WaveId\" WHERE c.\"Token\" = $1 AND c.\"State\" = 'Sampled' FOR UPDATE OF c",
                connection, transaction);
            find.Parameters.AddWithValue(form["Code"].ToString());
            Guid contact, wave, questionnaire, agency;
            await using (var reader = await find.ExecuteReaderAsync())
            {
                if (!await reader.ReadAsync())
                {
                    context.Response.ContentType = "text/html; charset=utf-8";
                    await context.Response.WriteAsync("<p>Phiếu này đã được gửi.</p>");
                    return;
                }

                (contact, wave, questionnaire, agency) = (reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetGuid(3));
            }

            await using var insert = new NpgsqlCommand(
                "INSERT INTO sipas_responses (\"Id\", \"WaveId\", \"ContactId\", \"QuestionnaireId\", \"Channel\", \"Stratum\", \"AgencyId\", \"ProcedureCode\", \"Answers\", \"Profile\", \"Expectations\", \"Comments\", \"StartedAt\", \"SubmittedAt\", \"Review\", \"Flags\", \"Recheck\", \"Corrections\") " +
                "VALUES ($1, $2, $3, $4, 'Online', '', $5, '', $6, '', '1', '', now(), now(), 'Valid', '', 'None', '')",
                connection, transaction);
            insert.Parameters.AddWithValue(Guid.CreateVersion7());
            insert.Parameters.AddWithValue(wave);
            insert.Parameters.AddWithValue(contact);
            insert.Parameters.AddWithValue(questionnaire);
            insert.Parameters.AddWithValue(agency);
            insert.Parameters.AddWithValue(answers);
            await insert.ExecuteNonQueryAsync();
            await using var update = new NpgsqlCommand("UPDATE sipas_contacts SET \"State\" = 'Answered' WHERE \"Id\" = $1", connection, transaction);
            update.Parameters.AddWithValue(contact);
            await update.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync("<p>Cảm ơn Ông/Bà đã trả lời phiếu khảo sát.</p>");
        });
        await app.RunAsync();
    }

    private static double P(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
