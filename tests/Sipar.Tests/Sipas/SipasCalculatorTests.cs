using Sipar.Infrastructure.Errors;
using Sipar.Modules.Sipas;

namespace Sipar.Tests.Sipas;

/// <summary>The SIPAS indices against hand-computed cases and the published 2022 aggregation; intervals; the responses file.</summary>
public sealed class SipasCalculatorTests
{
    private static readonly IndexStructure TwoAspects = IndexStructure.Parse("""
        {"aspects":[
          {"code":"CS","factors":[{"code":"CS1","items":["P1"]}]},
          {"code":"DV","factors":[{"code":"TC","items":["A1","A2"]},{"code":"KQ","items":["R1"]}]}]}
        """);

    private static AnswerMatrix Matrix(IndexStructure structure, params string[] responses)
    {
        var m = new AnswerMatrix(structure.ItemCodes.Count);
        foreach (var r in responses)
        {
            m.Add(r, IndexRules.Default);
        }

        return m;
    }

    [Fact]
    public void Item_is_the_share_of_valid_answers_at_4_or_5_and_not_answered_or_no_answer_do_not_count()
    {
        // P1 A1 A2 R1: '-' not answered, '0' "không trả lời".
        var result = SipasCalculator.Compute(TwoAspects, Matrix(TwoAspects, "5453", "4-02", "3511", "2-54"), IndexRules.Default);
        var dv = result.Aspects[1];
        Assert.Equal(50m, result.Aspects[0].Index.Value); // P1: 5,4 of 5,4,3,2
        Assert.Equal(4, result.Aspects[0].Factors[0].Items[0].Index.N);
        Assert.Equal(100m, dv.Factors[0].Items[0].Index.Value); // A1: 4,5 of two answers
        Assert.Equal(2, dv.Factors[0].Items[0].Index.N);
        Assert.Equal((66.67m, 3), (dv.Factors[0].Items[1].Index.Value, dv.Factors[0].Items[1].Index.N)); // A2: 5,1,5 ("0" does not count)
    }

    [Fact]
    public void Factor_aspect_and_overall_are_means_of_their_parts()
    {
        // A1: 4,5,1,2 → 50%; A2: 5,5,5,1 → 75%; TC = 62.5; R1: 4,4,1,1 → 50; DV = (62.5+50)/2 = 56.25; P1 all 5 → 100; overall 78.125.
        var result = SipasCalculator.Compute(TwoAspects, Matrix(TwoAspects, "5454", "5554", "5151", "5211"), IndexRules.Default);
        Assert.Equal(75m, result.Aspects[1].Factors[0].Items[1].Index.Value);
        Assert.Equal(62.5m, result.Aspects[1].Factors[0].Index.Value);
        Assert.Equal(56.25m, result.Aspects[1].Index.Value);
        Assert.Equal(100m, result.Aspects[0].Index.Value);
        Assert.Equal(78.13m, result.Overall.Value);
        Assert.Equal(4, result.Overall.N);
        Assert.False(result.Enough);
    }

    [Fact]
    public void Weights_and_the_satisfied_level_are_rules_not_code()
    {
        var weighted = IndexStructure.Parse("""{"aspects":[{"code":"CS","weight":1,"factors":[{"code":"F1","items":["P1"]}]},{"code":"DV","weight":3,"factors":[{"code":"F2","items":["A1"]}]}]}""");
        var m = Matrix(weighted, "51", "51");
        Assert.Equal(25m, SipasCalculator.Compute(weighted, m, IndexRules.Default).Overall.Value);
        var lenient = IndexRules.Default with { SatisfiedFrom = 3 };
        var m3 = new AnswerMatrix(2);
        m3.Add("33", lenient);
        Assert.Equal(100m, SipasCalculator.Compute(weighted, m3, lenient).Overall.Value);
        var noAnswerCounts = IndexRules.Default with { NoAnswerIsValid = true };
        var m0 = new AnswerMatrix(2);
        m0.Add("50", noAnswerCounts);
        m0.Add("55", noAnswerCounts);
        Assert.Equal(50m, SipasCalculator.Compute(weighted, m0, noAnswerCounts).Aspects[1].Index.Value);
    }

    [Fact]
    public void The_published_2022_aggregation_is_reproduced_with_equal_weights()
    {
        // Policy 79.72% over its 9 policy groups and services 80.43% over the 5 factors; overall 80.08%.
        var structure = IndexStructure.Parse("""
            {"aspects":[
              {"code":"CS","factors":[{"code":"CS1","items":["CS1.1"]}]},
              {"code":"DV","factors":[{"code":"DV1","items":["DV1.1"]}]}]}
            """);
        var m = new AnswerMatrix(2, 10_000);
        for (var r = 0; r < 10_000; r++)
        {
            m.Add([r < 7972 ? 5 : 2, r < 8043 ? 4 : 3], IndexRules.Default);
        }

        var result = SipasCalculator.Compute(structure, m, IndexRules.Default with { BootstrapReplicates = 200 });
        Assert.Equal(79.72m, result.Aspects[0].Index.Value);
        Assert.Equal(80.43m, result.Aspects[1].Index.Value);
        Assert.Equal(80.08m, result.Overall.Value);
        Assert.True(result.Enough);
    }

    [Theory]
    [InlineData(8, 10, 80, 49.02, 94.33)]
    [InlineData(30, 40, 75, 59.81, 85.81)]
    [InlineData(0, 5, 0, 0, 43.45)]
    [InlineData(5, 5, 100, 56.55, 100)]
    public void Item_intervals_are_wilson_intervals(int satisfied, int valid, double value, double low, double high)
    {
        var v = SipasCalculator.Wilson(satisfied, valid, SipasCalculator.NormalQuantile(0.975));
        Assert.Equal(((decimal)value, (decimal)low, (decimal)high), (v.Value!.Value, v.Low!.Value, v.High!.Value));
    }

    [Fact]
    public void Normal_quantile_is_the_textbook_one()
    {
        Assert.Equal(1.959964, SipasCalculator.NormalQuantile(0.975), 6);
        Assert.Equal(2.575829, SipasCalculator.NormalQuantile(0.995), 6);
        Assert.Equal(-1.644854, SipasCalculator.NormalQuantile(0.05), 6);
    }

    [Fact]
    public void Bootstrap_intervals_are_reproducible_from_the_seed_and_hold_the_value()
    {
        var structure = IndexStructure.Parse("""{"aspects":[{"code":"DV","factors":[{"code":"F","items":["A1","A2"]}]}]}""");
        var m = new AnswerMatrix(2);
        var rng = new SplitMix64(7);
        for (var r = 0; r < 500; r++)
        {
            m.Add([(int)rng.Below(5) + 1, (int)rng.Below(5) + 1], IndexRules.Default);
        }

        var a = SipasCalculator.Compute(structure, m, IndexRules.Default);
        var b = SipasCalculator.Compute(structure, m, IndexRules.Default);
        Assert.Equal(a.Overall, b.Overall);
        // The answers sit on a 0.1-point grid, so a thousand replicates of two seeds land on the same quantiles; fifty do not.
        var few = SipasCalculator.Compute(structure, m, IndexRules.Default with { BootstrapReplicates = 50 });
        var other = SipasCalculator.Compute(structure, m, IndexRules.Default with { BootstrapReplicates = 50, Seed = 99 });
        Assert.NotEqual((few.Overall.Low, few.Overall.High), (other.Overall.Low, other.Overall.High));
        Assert.InRange(a.Overall.Value!.Value, a.Overall.Low!.Value, a.Overall.High!.Value);
        // Two items averaged: narrower than one item's Wilson interval, but of the same order.
        var item = a.Aspects[0].Factors[0].Items[0].Index;
        var width = a.Overall.High!.Value - a.Overall.Low!.Value;
        Assert.InRange(width, 0.4m * (item.High!.Value - item.Low!.Value), item.High.Value - item.Low.Value);
    }

    [Fact]
    public void Past_the_cap_the_scaled_bootstrap_matches_the_analytic_width()
    {
        var structure = IndexStructure.Parse("""{"aspects":[{"code":"DV","factors":[{"code":"F","items":["A1"]}]}]}""");
        var m = new AnswerMatrix(1, 200_000);
        for (var r = 0; r < 200_000; r++)
        {
            m.Add([r % 5 == 0 ? 2 : 5], IndexRules.Default);
        }

        var result = SipasCalculator.Compute(structure, m, IndexRules.Default with { BootstrapCap = 5_000 });
        var wilson = result.Aspects[0].Factors[0].Items[0].Index;
        var analytic = wilson.High!.Value - wilson.Low!.Value; // about 0.35 points
        var bootstrap = result.Overall.High!.Value - result.Overall.Low!.Value;
        Assert.InRange(bootstrap, analytic * 0.7m, analytic * 1.3m);
    }

    [Fact]
    public void A_structure_without_items_or_with_a_code_twice_is_refused()
    {
        Assert.Equal("Sipas.FactorWithoutItems", Assert.Throws<DomainValidationException>(() => IndexStructure.Parse("""{"aspects":[{"code":"A","factors":[{"code":"F","items":[]}]}]}""")).Errors[0].MessageKey);
        Assert.Equal("Sipas.CodeTwice", Assert.Throws<DomainValidationException>(() => IndexStructure.Parse("""{"aspects":[{"code":"A","factors":[{"code":"F","items":["X","X"]}]}]}""")).Errors[0].MessageKey);
        Assert.Equal("Sipas.StructureUnreadable", Assert.Throws<DomainValidationException>(() => IndexStructure.Parse("{\"aspects\":[")).Errors[0].MessageKey);
        Assert.Equal("Sipas.StructureEmpty", Assert.Throws<DomainValidationException>(() => IndexStructure.Parse("{}")).Errors[0].MessageKey);
    }

    [Fact]
    public void Items_may_be_written_as_objects_so_a_questionnaire_file_is_a_structure()
    {
        var s = IndexStructure.Parse("""{"aspects":[{"code":"A","factors":[{"code":"F","items":[{"code":"X","text":"Câu hỏi"},"Y"]}]}]}""");
        Assert.Equal(["X", "Y"], s.ItemCodes);
    }

    [Fact]
    public void A_responses_file_gives_the_indices_overall_and_per_stratum()
    {
        var csv = "stratum,P1,A1,A2,R1\nSở A,5,4,5,4\nSở A,5,5,5,4\nSở B,5,1,5,1\nSở B,5,2,1,1\n";
        var result = ResponsesFile.Compute(new StringReader(csv), TwoAspects, IndexRules.Default);
        Assert.Empty(result.Errors);
        Assert.Equal(78.13m, result.Overall!.Overall.Value);
        Assert.Equal(["Sở A", "Sở B"], result.Strata.Select(s => s.Stratum));
        Assert.Equal(100m, result.Strata[0].Indices.Overall.Value);
        var json = ResponsesFile.Json(result.Overall, result.Strata);
        Assert.Contains("\"overall\"", json, StringComparison.Ordinal);
        Assert.Contains("\"code\": \"A1\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_responses_file_with_an_unknown_column_or_a_value_off_the_scale_is_reported_by_row_and_column()
    {
        var unknown = ResponsesFile.Compute(new StringReader("P1,A1,A2,R1,Z9\n5,4,5,4,1\n"), TwoAspects, IndexRules.Default);
        Assert.Null(unknown.Overall);
        Assert.Equal((1, "Z9", "Sipas.UnknownItemColumn"), (unknown.Errors[0].Row, unknown.Errors[0].Column, unknown.Errors[0].MessageKey));
        var missing = ResponsesFile.Compute(new StringReader("P1,A1,A2\n5,4,5\n"), TwoAspects, IndexRules.Default);
        Assert.Equal(("R1", "Sipas.ItemColumnMissing"), (missing.Errors[0].Column, missing.Errors[0].MessageKey));
        var off = ResponsesFile.Compute(new StringReader("P1,A1,A2,R1\n5,4,5,4\n5,6,5,4\n5,4,0,x\n"), TwoAspects, IndexRules.Default);
        Assert.Null(off.Overall);
        Assert.Equal([(3, "A1"), (4, "A2"), (4, "R1")], off.Errors.Select(e => (e.Row, e.Column)));
        Assert.All(off.Errors, e => Assert.Equal("Sipas.AnswerOutOfScale", e.MessageKey));
    }
}
