using System.Text;
using Sipar.Modules.Organisation;
using Sipar.Modules.ParIndex;

namespace Sipar.Tests.ParIndex;

public sealed class ResultsCalculatorTests
{
    private static readonly IReadOnlyList<(decimal, string)> Bands = [(90m, "Tốt"), (80m, "Khá"), (65m, "Trung bình"), (0m, "Yếu")];

    /// <summary>A small framework: area 1 (criterion 1.1 with sub-criteria, 1.2, a deduction 1.3), area 2 survey (50).</summary>
    private static Framework Small(int year = 2030, string? json = null, AgencyKind? kind = null)
    {
        json ??= """
        {"name":"Nhỏ","total":100,"items":[
          {"code":"1","level":"Area","name":"Chỉ đạo điều hành","maxPoints":50,"method":"SelfAssessed"},
          {"code":"1.1","level":"Criterion","name":"Kế hoạch","maxPoints":30,"method":"SelfAssessed"},
          {"code":"1.1.1","level":"SubCriterion","name":"Ban hành","maxPoints":10,"method":"SelfAssessed"},
          {"code":"1.1.2","level":"SubCriterion","name":"Thực hiện","maxPoints":20,"method":"SelfAssessed"},
          {"code":"1.2","level":"Criterion","name":"Báo cáo","maxPoints":20,"method":"SelfAssessed"},
          {"code":"1.3","level":"Criterion","name":"Trừ điểm","maxPoints":-5,"method":"SelfAssessed","rule":"deduction:-1"},
          {"code":"2","level":"Area","name":"Hài lòng","maxPoints":50,"method":"Survey"},
          {"code":"2.1","level":"Criterion","name":"SIPAS","maxPoints":50,"method":"Survey"}
        ]}
        """;
        return Framework.FromFile(FrameworkReader.Read("f.json", Encoding.UTF8.GetBytes(json)), year, kind ?? AgencyKind.Department, null, DateTime.UtcNow);
    }

    private static YearInput Year(Framework f, params (Guid Agency, (string Code, decimal Points)[] Points)[] rows) =>
        new([f], rows.ToDictionary(r => r.Agency, r => (IReadOnlyDictionary<string, decimal>)r.Points.ToDictionary(p => p.Code, p => p.Points)));

    [Fact]
    public void Parents_are_the_sum_of_their_children_with_deductions_floored_at_zero_and_capped_at_their_maximum()
    {
        var a = Guid.NewGuid();
        var f = Small();
        var card = ResultsCalculator.Compute([(a, "Sở A", AgencyKind.Department)],
            Year(f, (a, [("1.1.1", 10), ("1.1.2", 15), ("1.2", 2), ("1.3", -5), ("2.1", 40)])), null, Bands, surveyHeld: true).Single();
        var points = card.Items.ToDictionary(i => i.Code, i => i.Points);
        Assert.Equal(25m, points["1.1"]);
        Assert.Equal(22m, points["1"]);                 // 25 + 2 − 5
        Assert.Equal(-5m, points["1.3"]);
        Assert.Equal((62m, 62m, "Yếu"), (card.Total, card.Index, card.Class));

        // A deduction larger than what the area has never takes it below 0.
        var floored = ResultsCalculator.Compute([(a, "Sở A", AgencyKind.Department)], Year(f, (a, [("1.2", 2), ("1.3", -5)])), null, Bands, true).Single();
        Assert.Equal(0m, floored.Items.Single(i => i.Code == "1").Points);
    }

    [Fact]
    public void Asked_for_one_agency_it_gets_every_item_and_the_others_their_areas_with_the_same_totals_and_ranks()
    {
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var f = Small();
        (Guid, string, AgencyKind)[] agencies = [(a, "Sở A", AgencyKind.Department), (b, "Sở B", AgencyKind.Department), (c, "Sở C", AgencyKind.Department)];
        var year = Year(f, (a, [("1.1.1", 10), ("1.2", 20), ("2.1", 30)]), (b, [("1.1.1", 5), ("1.3", -2), ("2.1", 50)]), (c, [("1.2", 5)]));
        var all = ResultsCalculator.Compute(agencies, year, null, Bands, surveyHeld: true);
        var one = ResultsCalculator.Compute(agencies, year, null, Bands, surveyHeld: true, detailFor: b);
        Assert.Equal(all.Select(x => (x.AgencyId, x.Total, x.Index, x.Rank)), one.Select(x => (x.AgencyId, x.Total, x.Index, x.Rank)));
        Assert.Equal(all.Single(x => x.AgencyId == b).Items, one.Single(x => x.AgencyId == b).Items);
        Assert.All(one.Where(x => x.AgencyId != b), x => Assert.Equal(["1", "2"], x.Items.Select(i => i.Code)));
        Assert.All(one.Where(x => x.AgencyId != b), x => Assert.Equal(all.Single(y => y.AgencyId == x.AgencyId).Areas, x.Areas));
    }

    [Fact]
    public void Without_a_survey_the_index_is_scaled_to_100_over_the_appraised_part()
    {
        var a = Guid.NewGuid();
        var card = ResultsCalculator.Compute([(a, "Sở A", AgencyKind.Department)], Year(Small(), (a, [("1.1.1", 10), ("1.1.2", 20), ("1.2", 15)])), null, Bands, surveyHeld: false).Single();
        Assert.Equal(45m, card.Total);
        Assert.Equal(90m, card.Index);                  // 45 of the 50 appraised points
        Assert.Equal("Tốt", card.Class);
    }

    [Fact]
    public void Criteria_that_do_not_apply_leave_the_agencys_maximum_and_their_parents()
    {
        var a = Guid.NewGuid();
        var f = Small(kind: AgencyKind.DistrictCommittee);
        var scope = new AgencyScope(new HashSet<string>(["1.1.2"], StringComparer.OrdinalIgnoreCase), null, null);
        var input = Year(f, (a, [("1.1.1", 8), ("1.2", 14), ("2.1", 40)])) with { Scopes = new Dictionary<Guid, AgencyScope> { [a] = scope } };
        var card = ResultsCalculator.Compute([(a, "UBND huyện A", AgencyKind.DistrictCommittee)], input, null, Bands, true).Single();
        var items = card.Items.ToDictionary(i => i.Code);
        Assert.Equal((62m, 80m), (card.Total, card.Max));
        Assert.Equal(77.5m, card.Index);                // 62 of its own 80, not 62 of 100
        Assert.Equal("Trung bình", card.Class);
        Assert.Equal((8m, 10m), (items["1.1"].Points, items["1.1"].Max));
        Assert.Equal(30m, items["1"].Max);
        Assert.True(items["1.1.2"].NotApplicable);
        Assert.Equal(0m, items["1.1.2"].Max);
        Assert.DoesNotContain(GapList.Of(card).Lost, g => g.Code == "1.1.2");
    }

    [Fact]
    public void A_published_own_maximum_and_a_survey_per_agency_decide_the_index()
    {
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        var f = Small();
        var input = Year(f, (a, [("1", 40), ("2", 28.32m)]), (b, [("1", 45)])) with
        {
            Scopes = new Dictionary<Guid, AgencyScope>
            {
                [a] = new(new HashSet<string>(StringComparer.OrdinalIgnoreCase), 84m, null),
                [b] = new(new HashSet<string>(StringComparer.OrdinalIgnoreCase), null, false),
            },
        };
        var cards = ResultsCalculator.Compute([(a, "Sở A", AgencyKind.Department), (b, "Sở B", AgencyKind.Department)], input, null, Bands, true);
        var first = cards.Single(c => c.AgencyId == a);
        Assert.Equal((68.32m, 84m, 81.33m, "Khá", false), (first.Total, first.Max, first.Index, first.Class, first.Scaled));
        var second = cards.Single(c => c.AgencyId == b);
        Assert.Equal((90m, "Tốt", true), (second.Index, second.Class, second.Scaled));   // 45 of the 50 appraised points
        Assert.Equal(80m, ResultsCalculator.MaximumOf(f, new AgencyScope(new HashSet<string>(["1.2"], StringComparer.OrdinalIgnoreCase), null, null)));
    }

    [Fact]
    public void Agencies_of_the_same_kind_are_ranked_with_shared_ranks_for_ties()
    {
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var f = Small();
        var cards = ResultsCalculator.Compute(
            [(a, "Sở A", AgencyKind.Department), (b, "Sở B", AgencyKind.Department), (c, "Sở C", AgencyKind.Department)],
            Year(f, (a, [("1", 40), ("2", 40)]), (b, [("1", 50), ("2", 30)]), (c, [("1", 50), ("2", 45)])), null, Bands, true);
        Assert.Equal([("Sở C", 1), ("Sở A", 2), ("Sở B", 2)], cards.Select(x => (x.Agency, x.Rank)).ToList());
    }

    [Fact]
    public void Year_over_year_follows_the_code_mapping_through_renamed_split_and_merged_items()
    {
        var a = Guid.NewGuid();
        var before = Small(2029);
        var after = before.CopyForYear(2030, "Năm sau", DateTime.UtcNow);
        after.MapToPrevious("1.2", "1.1.2;1.2");        // merged: last year's 1.1.2 (20) and 1.2 (20) → max 40 before
        after.MapToPrevious("1.1.2", null);             // new
        after.MapToPrevious("2.1", "2.1");
        var last = Year(before, (a, [("1.1.1", 10), ("1.1.2", 10), ("1.2", 10), ("2.1", 25)]));
        var now = Year(after, (a, [("1.1.1", 10), ("1.1.2", 20), ("1.2", 20), ("2.1", 40)]));
        var card = ResultsCalculator.Compute([(a, "Sở A", AgencyKind.Department)], now, last, Bands, true).Single();
        var items = card.Items.ToDictionary(i => i.Code);
        Assert.Equal((20m, 40m), (items["1.2"].PreviousPoints, items["1.2"].PreviousMax));
        Assert.Equal(50m, items["1.2"].IndexChange);   // 100% now, 50% before
        Assert.Null(items["1.1.2"].IndexChange);
        Assert.Equal(30m, items["2.1"].IndexChange);   // 80% now, 50% before
        Assert.Equal(55m, card.PreviousIndex);

        var gaps = GapList.Of(card);
        Assert.DoesNotContain(gaps.Lost, g => g.Code == "1.2");
        Assert.Contains(gaps.AtMax, g => g.Code == "1.2");
        Assert.Equal(["2.1"], gaps.Lost.Select(g => g.Code));
    }

    [Fact]
    public void The_mapping_describes_each_item_and_the_codes_removed()
    {
        var before = Small(2029);
        var after = before.CopyForYear(2030, "Năm sau", DateTime.UtcNow);
        after.MapToPrevious("1.1.1", "1.1");           // split: 1.1 now feeds 1.1.1 and 1.1.2
        after.MapToPrevious("1.1.2", "1.1");
        after.MapToPrevious("1.2", "1.2;1.3");         // merged
        after.MapToPrevious("1.3", null);              // new
        after.MapToPrevious("2", "2.1");               // renamed (codes swapped)
        after.MapToPrevious("2.1", "2");
        var rows = CodeMapping.Describe(after.Items, before.Items).ToDictionary(r => r.Code ?? "removed:" + r.PreviousCodes[0]);
        Assert.Equal(MappingChange.Same, rows["1"].Change);
        Assert.Equal(MappingChange.Split, rows["1.1.1"].Change);
        Assert.Equal(MappingChange.Merged, rows["1.2"].Change);
        Assert.Equal(MappingChange.New, rows["1.3"].Change);
        Assert.Equal(MappingChange.Renamed, rows["2"].Change);
        Assert.Equal(MappingChange.Renamed, rows["2.1"].Change);
        Assert.Equal(MappingChange.Removed, rows["removed:1.1.1"].Change);
        Assert.Equal(MappingChange.Removed, rows["removed:1.1.2"].Change);
    }

    [Fact]
    public void A_frozen_framework_refuses_mapping_changes()
    {
        var f = Small();
        f.Freeze();
        var e = Assert.Throws<Sipar.Infrastructure.Errors.DomainValidationException>(() => f.MapToPrevious("1.2", "1.2"));
        Assert.Equal("Par.FrameworkFrozen", e.Errors.Single().MessageKey);
    }

    [Theory]
    [InlineData("90=A;80=B;70=C", 3)]
    [InlineData("90=Tốt; 80=Khá; 65=Trung bình; 0=Yếu", 4)]
    [InlineData("90=A;90=B", -1)]
    [InlineData("A=90", -1)]
    [InlineData("120=A", -1)]
    [InlineData("", -1)]
    public void Bands_are_minimum_equals_label_pairs(string text, int count) =>
        Assert.Equal(count, ParCampaign.ParseBands(text)?.Count ?? -1);

    [Fact]
    public void The_framework_file_names_data_sources_only_for_computed_items_and_checks_previous_codes()
    {
        var json = """
        {"total":10,"items":[
          {"code":"1","level":"Area","name":"A","maxPoints":10,"method":"SelfAssessed"},
          {"code":"1.1","level":"Criterion","name":"B","maxPoints":5,"method":"Computed","source":"unit-reports-on-time","previousCodes":"1.1;1.2"},
          {"code":"1.2","level":"Criterion","name":"C","maxPoints":5,"method":"SelfAssessed","source":"plan-tasks-on-time","previousCodes":"1 2"}
        ]}
        """;
        var errors = FrameworkValidator.Validate(FrameworkReader.Read("f.json", Encoding.UTF8.GetBytes(json)));
        Assert.Equal([(3, "Par.UnknownSource"), (3, "Par.PreviousCodesInvalid")], errors.Select(e => (e.Row, e.MessageKey)));
    }
}
