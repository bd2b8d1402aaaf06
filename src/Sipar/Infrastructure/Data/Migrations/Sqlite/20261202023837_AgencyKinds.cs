using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Sipar.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AgencyKinds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "org_agency_kinds",
                columns: table => new
                {
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Until = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_org_agency_kinds", x => x.Kind);
                });

            migrationBuilder.InsertData(
                table: "org_agency_kinds",
                columns: new[] { "Kind", "Name", "SortOrder", "Until" },
                values: new object[,]
                {
                    { "AppraisingBody", "Cơ quan thẩm định (Sở Nội vụ)", 90, null },
                    { "CommuneCommittee", "UBND xã, phường", 20, null },
                    { "Department", "Sở, ban, ngành", 10, null },
                    { "DistrictCommittee", "UBND huyện, thị xã, thành phố (cấp huyện)", 30, new DateOnly(2025, 6, 30) }
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "org_agency_kinds");
        }
    }
}
