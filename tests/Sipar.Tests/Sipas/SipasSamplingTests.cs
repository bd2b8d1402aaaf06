using Sipar.Infrastructure.Errors;
using Sipar.Modules.Sipas;

namespace Sipar.Tests.Sipas;

/// <summary>Sample sizes and allocation, reproducible draws, validity rules, and questionnaire files.</summary>
public sealed class SipasSamplingTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(100, 80)]
    [InlineData(1000, 286)]
    [InlineData(10_000, 385)]
    [InlineData(1_000_000, 400)]
    public void Sample_size_is_yamane_rounded_up(int frame, int size) => Assert.Equal(size, SampleDesign.Size(frame, 0.05m));

    [Fact]
    public void Per_stratum_sizes_use_the_formula_in_each_stratum_with_the_minimum_capped_by_the_stratum()
    {
        var sizes = SampleDesign.Allocate([("B", 1000), ("A", 20), ("C", 100)], 0.05m, Allocation.PerStratum, 30);
        Assert.Equal([("A", 20), ("B", 286), ("C", 80)], sizes.Select(s => (s.Stratum, s.Sample)));
    }

    [Fact]
    public void Proportional_sizes_share_one_n_with_a_minimum_per_stratum()
    {
        // N = 1,200 → n = 300; 1,000 → 250, 150 → 38 (37.5 up), 50 → 12.5 → 13 but at least 20.
        var sizes = SampleDesign.Allocate([("B", 1000), ("A", 150), ("C", 50)], 0.05m, Allocation.Proportional, 20);
        Assert.Equal([("A", 38), ("B", 250), ("C", 20)], sizes.Select(s => (s.Stratum, s.Sample)));
    }

    [Fact]
    public void The_same_seed_ranks_the_same_people_and_strata_do_not_disturb_each_other()
    {
        var a = SampleDesign.Ranks(50, 20261201, "Sở A");
        Assert.Equal(a, SampleDesign.Ranks(50, 20261201, "Sở A"));
        Assert.Equal(Enumerable.Range(1, 50), a.Order());
        Assert.NotEqual(a, SampleDesign.Ranks(50, 20261202, "Sở A"));
        Assert.NotEqual(a, SampleDesign.Ranks(50, 20261201, "Sở B"));
        // Pinned: a recorded seed must redraw the same people on every machine and in every later version.
        Assert.Equal([49, 41, 27, 29, 7], SampleDesign.Ranks(50, 20261201, "Sở A").Take(5));
    }

    [Fact]
    public void Validity_rules_flag_incomplete_same_answer_and_too_fast_responses()
    {
        var options = ValidityOptions.Default;
        Assert.Empty(ValidityRules.Check("5434543254345432", TimeSpan.FromMinutes(5), ResponseChannel.Online, options));
        Assert.Equal([ValidityRules.Incomplete], ValidityRules.Check("54---------------", TimeSpan.FromMinutes(5), ResponseChannel.Online, options));
        Assert.Equal([ValidityRules.SameAnswer], ValidityRules.Check("5555555555555555", TimeSpan.FromMinutes(5), ResponseChannel.Online, options));
        Assert.Equal([ValidityRules.TooFast], ValidityRules.Check("5434543254345432", TimeSpan.FromSeconds(20), ResponseChannel.Online, options));
        Assert.Empty(ValidityRules.Check("5434543254345432", TimeSpan.FromSeconds(20), ResponseChannel.Paper, options));
    }

    [Fact]
    public void The_standard_questionnaires_read_back_from_their_own_export()
    {
        foreach (var name in QuestionnaireLibrary.Standard)
        {
            var doc = QuestionnaireDocument.Parse(QuestionnaireLibrary.StandardJson(name));
            var again = QuestionnaireDocument.Parse(doc.ToJson());
            Assert.Equal(doc.Items.Select(i => i.Code), again.Items.Select(i => i.Code));
            Assert.Equal(doc.ToJson(), again.ToJson());
            Assert.Equal(5, doc.Profile.Count);
        }

        var service = QuestionnaireDocument.Parse(QuestionnaireLibrary.StandardJson("standard-service"));
        Assert.Equal([3, 4, 3, 3, 3], service.Aspects[0].Factors.Select(f => f.Items.Count));
        var policy = QuestionnaireDocument.Parse(QuestionnaireLibrary.StandardJson("standard-policy"));
        Assert.Equal(9, policy.Aspects[0].Factors.Count);
        Assert.Equal(QuestionnaireKind.Policy, policy.Kind);
        // A questionnaire file is also a structure for compute-file.
        Assert.Equal(16, IndexStructure.Parse(service.ToJson()).ItemCodes.Count);
    }

    [Fact]
    public void A_questionnaire_with_a_bad_scale_or_an_item_code_twice_is_refused_with_every_problem()
    {
        var json = """{"code":"X","name":"Phiếu","scale":{"levels":5,"satisfiedFrom":6,"labels":["a","b","c","d","e"]},"aspects":[{"code":"A","name":"A","factors":[{"code":"F","name":"F","items":[{"code":"I1","text":"Một"},{"code":"I1","text":"Hai"}]}]}]}""";
        var keys = Assert.Throws<DomainValidationException>(() => QuestionnaireDocument.Parse(json)).Errors.Select(e => e.MessageKey).ToList();
        Assert.Contains("Sipas.ScaleInvalid", keys);
        Assert.Contains("Sipas.CodeTwice", keys);
    }

    [Fact]
    public void A_new_version_maps_item_codes_to_the_previous_one()
    {
        var v2 = QuestionnaireDocument.Parse("""{"code":"X","version":2,"name":"Phiếu","aspects":[{"code":"A","name":"A","factors":[{"code":"F","name":"F","items":[{"code":"N1","text":"Mới"},{"code":"I2","text":"Giữ"},{"code":"I9","text":"Thêm"}]}]}],"previousItems":{"N1":"I1"}}""");
        var map = QuestionnaireLibrary.PreviousCodes(v2, new HashSet<string>(["I1", "I2", "I3"]));
        Assert.Equal("I1", map["N1"]);
        Assert.Equal("I2", map["I2"]);
        Assert.Null(map["I9"]);
    }

    [Fact]
    public void Tokens_are_typed_forgivingly()
    {
        var token = Contact.NewToken();
        Assert.Equal(Contact.TokenLength, token.Length);
        Assert.DoesNotContain(token, c => c is '0' or 'O' or '1' or 'I' or 'L');
        Assert.Equal(token, Contact.NormaliseToken(token[..4].ToLowerInvariant() + " - " + token[4..]));
        Assert.Equal("0912345678", Contact.OptOutKey("+84 912 345 678", null));
        Assert.Equal("a@b.vn", Contact.OptOutKey(null, " A@B.vn "));
    }
}
