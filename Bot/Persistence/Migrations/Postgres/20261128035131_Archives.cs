using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Bot.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Archives : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Archives",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Secret = table.Column<bool>(type: "boolean", nullable: false),
                    Place = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Archives", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "ArchiveLoans",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ArchiveCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    BorrowerId = table.Column<string>(type: "character varying(64)", nullable: false),
                    Purpose = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ReadOnly = table.Column<bool>(type: "boolean", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ApprovedById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    LentById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    LentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosedById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ReturnAnnouncedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RemindedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArchiveLoans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ArchiveLoans_Archives_ArchiveCode",
                        column: x => x.ArchiveCode,
                        principalTable: "Archives",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ArchiveLoans_People_BorrowerId",
                        column: x => x.BorrowerId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ArchiveLoans_ArchiveCode",
                table: "ArchiveLoans",
                column: "ArchiveCode");

            migrationBuilder.CreateIndex(
                name: "IX_ArchiveLoans_BorrowerId",
                table: "ArchiveLoans",
                column: "BorrowerId");

            migrationBuilder.CreateIndex(
                name: "IX_ArchiveLoans_RequestedAt",
                table: "ArchiveLoans",
                column: "RequestedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ArchiveLoans_Status_DueOn",
                table: "ArchiveLoans",
                columns: new[] { "Status", "DueOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ArchiveLoans");

            migrationBuilder.DropTable(
                name: "Archives");
        }
    }
}
