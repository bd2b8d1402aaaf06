using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Localization;
using Sipar.Modules.Accounts;
using Sipar.Modules.Calendar;
using Sipar.Modules.Organisation;

namespace Sipar.Tests;

public sealed partial class FoundationTests
{
    [Fact]
    public void PostgreSQL_connections_skip_the_reset_on_reuse_and_prepare_repeated_queries_unless_the_setting_says_otherwise()
    {
        var tuned = new Npgsql.NpgsqlConnectionStringBuilder(DataModule.PostgresConnectionString("Host=db;Database=sipar;Username=sipar"));
        Assert.True(tuned.NoResetOnClose);
        Assert.Equal(100, tuned.MaxAutoPrepare);
        Assert.Equal("db", tuned.Host);

        var chosen = new Npgsql.NpgsqlConnectionStringBuilder(DataModule.PostgresConnectionString("Host=db;Database=sipar;No Reset On Close=false;Max Auto Prepare=0"));
        Assert.False(chosen.NoResetOnClose);
        Assert.Equal(0, chosen.MaxAutoPrepare);

        var written = new Npgsql.NpgsqlConnectionStringBuilder(DataModule.PostgresConnectionString("Host=db;NoResetOnClose=false;MaxAutoPrepare=0"));
        Assert.False(written.NoResetOnClose);
        Assert.Equal(0, written.MaxAutoPrepare);
    }

    [Theory]
    [InlineData("Phòng Kế hoạch – Tài chính", "phong ke hoach – tai chinh")]
    [InlineData("ĐẮK LẮK", "dak lak")]
    [InlineData("  Sở  Lao động\u00A0Thương binh ", "so lao dong thuong binh")]
    [InlineData(null, "")]
    public void Search_keys_ignore_diacritics_case_and_spacing(string? text, string expected) =>
        Assert.Equal(expected, VietnameseText.Fold(text));

    [Fact]
    public void Both_providers_have_migrations_for_the_whole_model()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var postgres = new PostgresDesignTimeFactory().CreateDbContext([]);
        Assert.False(sqlite.Database.HasPendingModelChanges(), "SQLite has model changes without a migration: scripts/add-migration.sh");
        Assert.False(postgres.Database.HasPendingModelChanges(), "PostgreSQL has model changes without a migration: scripts/add-migration.sh");
        Assert.NotEmpty(sqlite.Database.GetMigrations());
        Assert.Equal(sqlite.Database.GetMigrations().Select(Name), postgres.Database.GetMigrations().Select(Name));
        static string Name(string id) => id[(id.IndexOf('_', StringComparison.Ordinal) + 1)..];
    }

    [Fact]
    public void Vietnamese_and_English_resources_have_the_same_keys()
    {
        var manager = new ResourceManager("Sipar.Resources.SharedResource", typeof(SharedResource).Assembly);
        var vi = Keys(manager.GetResourceSet(CultureInfo.InvariantCulture, true, false)!);
        var en = Keys(manager.GetResourceSet(CultureInfo.GetCultureInfo("en"), true, false)!);
        Assert.NotEmpty(vi);
        Assert.Equal(vi.Order(), en.Order());
        static List<string> Keys(ResourceSet set) => set.Cast<DictionaryEntry>().Select(e => (string)e.Key).ToList();
    }

    [Fact]
    public void Every_resource_key_named_in_the_code_exists()
    {
        var manager = new ResourceManager("Sipar.Resources.SharedResource", typeof(SharedResource).Assembly);
        var keys = manager.GetResourceSet(CultureInfo.InvariantCulture, true, false)!.Cast<DictionaryEntry>().Select(e => (string)e.Key).ToHashSet();
        var src = Path.Combine(RepositoryRoot(), "src", "Sipar");
        var missing = new List<string>();
        foreach (var file in Directory.EnumerateFiles(src, "*.*", SearchOption.AllDirectories)
                     .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal)) && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)))
        {
            foreach (Match m in KeyLiteral().Matches(File.ReadAllText(file)))
            {
                if (!keys.Contains(m.Groups[1].Value))
                {
                    missing.Add($"{Path.GetFileName(file)}: {m.Groups[1].Value}");
                }
            }
        }

        Assert.Empty(missing);
    }

    [Fact]
    public void An_agency_needs_a_name_symbol_and_place()
    {
        var e = Assert.Throws<DomainValidationException>(() => Agency.Create(" ", "SLĐ/TBXH", "", AgencyKind.Department));
        Assert.Equal(["Name", "Symbol", "PlaceName"], e.Errors.Select(x => x.Field).Distinct());
    }

    [Fact]
    public void A_unit_cannot_be_moved_under_its_own_sub_unit()
    {
        var agency = Agency.Create("Sở A", "SA", "Lạng Sơn", AgencyKind.Department);
        var parent = Unit.Create(agency.Id, "Văn phòng", null, UnitKind.Office, null);
        var child = Unit.Create(agency.Id, "Bộ phận Một cửa", null, UnitKind.OneStopDesk, parent);
        var e = Assert.Throws<DomainValidationException>(() => parent.MoveUnder(child, [parent, child]));
        Assert.Equal("Error.ParentCycle", e.Errors.Single().MessageKey);

        var other = Agency.Create("Sở B", "SB", "Lạng Sơn", AgencyKind.Department);
        var foreign = Unit.Create(other.Id, "Văn phòng", null, UnitKind.Office, null);
        Assert.Throws<DomainValidationException>(() => child.MoveUnder(foreign, [parent, child]));
    }

    [Fact]
    public void Agency_scoped_roles_need_an_agency_and_province_roles_do_not()
    {
        var user = User.Create("a@b.vn", "Nguyễn Văn A", null, null, DateTime.UtcNow);
        Assert.Throws<DomainValidationException>(() => user.SetRoles([Role.Office]));
        user.SetRoles([Role.Administrator, Role.Appraiser]);
        Assert.All(user.Roles, r => Assert.Null(r.AgencyId));

        var agency = Guid.NewGuid();
        var officer = User.Create("c@d.vn", "Trần Thị C", agency, null, DateTime.UtcNow);
        officer.SetRoles([Role.UnitOfficer, Role.Appraiser]);
        Assert.Equal(agency, officer.Roles.Single(r => r.Role == Role.UnitOfficer).AgencyId);
        Assert.Null(officer.Roles.Single(r => r.Role == Role.Appraiser).AgencyId);
    }

    [Fact]
    public void Calendar_days_are_checked_against_the_weekday()
    {
        var year = CalendarYear.Create(2027, CalendarOrigin.Computed, [], "");
        Assert.Throws<DomainValidationException>(() => year.AddDay(new DateOnly(2027, 3, 6), CalendarDayKind.DayOff, "Thứ Bảy"));
        Assert.Throws<DomainValidationException>(() => year.AddDay(new DateOnly(2027, 3, 8), CalendarDayKind.MakeupWorkday, "Thứ Hai"));
        Assert.Throws<DomainValidationException>(() => year.AddDay(new DateOnly(2028, 3, 8), CalendarDayKind.DayOff, "Năm khác"));
        year.AddDay(new DateOnly(2027, 3, 8), CalendarDayKind.DayOff, "Nghỉ bù");
        Assert.Throws<DomainValidationException>(() => year.AddDay(new DateOnly(2027, 3, 8), CalendarDayKind.DayOff, "Trùng"));
        Assert.Equal(CalendarOrigin.Edited, year.Origin);
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sipar.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Sipar.slnx not found above the test folder.");
    }

    [GeneratedRegex("\"((?:Error|Import|Calendar|Common|Nav|Home|Login|Password|Users?|Role|Agency|Agencies|Unit|Audit|Identity|Layout|MyAgency)\\.[A-Za-z0-9.]*[A-Za-z0-9])\"")]
    private static partial Regex KeyLiteral();

    [Fact]
    public void Dates_and_instants_are_shown_the_Vietnamese_way_whatever_the_server_zone()
    {
        Assert.Equal("05/08/2022", Sipar.Infrastructure.Localization.Show.Date(new DateOnly(2022, 8, 5)));
        Assert.Null(Sipar.Infrastructure.Localization.Show.Date((DateOnly?)null));
        // 17:30 UTC is already the next day in Việt Nam.
        Assert.Equal("02/01/2026 00:30", Sipar.Infrastructure.Localization.Show.Instant(new DateTime(2026, 1, 1, 17, 30, 0, DateTimeKind.Utc)));
        Assert.Equal(new DateTime(2025, 12, 31, 17, 0, 0, DateTimeKind.Utc), Sipar.Infrastructure.Time.VietnamTime.StartOfDayUtc(new DateOnly(2026, 1, 1)));
    }
}
