# Security groups: only what must be reachable is.
#
#   CloudFront (+ edge_ingress_cidrs) --443--> load balancer --8080--> edges
#                                                            --8081--> signer (primary)
#   edges, signer, transcoders, indexers --6379--> Redis (TLS)
#   hosts --443/80--> internet through NAT (chain RPC, JWKS, SSM, apt), S3 via the endpoint
#
# Nothing listens for SSH: operators use SSM Session Manager. Transcoders and
# indexers accept no connections at all (the job API and the indexer's
# /metrics listen on 127.0.0.1; reach them with an SSM port forward).

data "aws_ec2_managed_prefix_list" "cloudfront" {
  name = "com.amazonaws.global.cloudfront.origin-facing"
}

# Group names are per VPC, and may not start with "sg-": no deployment prefix.
resource "aws_security_group" "alb" {
  name        = "streamgate-alb"
  description = "StreamGate ${var.name} load balancer: HTTPS from CloudFront"
  vpc_id      = aws_vpc.main.id
  tags        = merge(local.tags, { Name = "${local.prefix}-alb" })
}

resource "aws_vpc_security_group_ingress_rule" "alb_cloudfront" {
  security_group_id = aws_security_group.alb.id
  description       = "HTTPS from CloudFront origin-facing addresses"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  prefix_list_id    = data.aws_ec2_managed_prefix_list.cloudfront.id
}

resource "aws_vpc_security_group_ingress_rule" "alb_direct" {
  for_each = toset(var.edge_ingress_cidrs)

  security_group_id = aws_security_group.alb.id
  description       = "HTTPS to the edges directly"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = each.value
}

resource "aws_vpc_security_group_egress_rule" "alb_edge" {
  security_group_id            = aws_security_group.alb.id
  description                  = "To the edges"
  ip_protocol                  = "tcp"
  from_port                    = 8080
  to_port                      = 8080
  referenced_security_group_id = aws_security_group.host["edge"].id
}

resource "aws_vpc_security_group_egress_rule" "alb_signer" {
  count = local.primary

  security_group_id            = aws_security_group.alb.id
  description                  = "To the signer"
  ip_protocol                  = "tcp"
  from_port                    = 8081
  to_port                      = 8081
  referenced_security_group_id = aws_security_group.host["signer"].id
}

# One group per host role; the roles a region runs.
locals {
  roles = concat(
    var.primary ? ["edge", "signer", "transcoder"] : ["edge"],
    length(var.indexer.chain_sets) > 0 ? ["indexer"] : [],
  )
  # Role => port it serves to the load balancer (transcoders and indexers
  # serve nothing).
  served = { for role in local.roles : role => local.ports[role] if contains(keys(local.ports), role) }
  ports  = { edge = 8080, signer = 8081 }
  # Every role's egress: HTTPS (chain RPC, JWKS, SSM, CloudWatch, S3 in other
  # regions) and HTTP (Debian packages at boot) anywhere, Redis in the VPC.
  egress = {
    for pair in setproduct(local.roles, [443, 80]) : "${pair[0]}-${pair[1]}" => { role = pair[0], port = pair[1] }
  }
}

resource "aws_security_group" "host" {
  for_each = toset(local.roles)

  name        = "streamgate-${each.key}"
  description = "StreamGate ${var.name} ${each.key} hosts"
  vpc_id      = aws_vpc.main.id
  tags        = merge(local.tags, { Name = "${local.prefix}-${each.key}" })
}

resource "aws_vpc_security_group_ingress_rule" "host_from_alb" {
  for_each = local.served

  security_group_id            = aws_security_group.host[each.key].id
  description                  = "From the load balancer"
  ip_protocol                  = "tcp"
  from_port                    = each.value
  to_port                      = each.value
  referenced_security_group_id = aws_security_group.alb.id
}

resource "aws_vpc_security_group_egress_rule" "host_internet" {
  for_each = local.egress

  security_group_id = aws_security_group.host[each.value.role].id
  description       = "Port ${each.value.port} to the internet"
  ip_protocol       = "tcp"
  from_port         = each.value.port
  to_port           = each.value.port
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "host_redis" {
  for_each = toset(local.roles)

  security_group_id            = aws_security_group.host[each.key].id
  description                  = "To Redis"
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
  referenced_security_group_id = aws_security_group.redis.id
}

resource "aws_security_group" "redis" {
  name        = "streamgate-redis"
  description = "StreamGate ${var.name} Redis: from this region's hosts only"
  vpc_id      = aws_vpc.main.id
  tags        = merge(local.tags, { Name = "${local.prefix}-redis" })
}

resource "aws_vpc_security_group_ingress_rule" "redis_from_host" {
  for_each = toset(local.roles)

  security_group_id            = aws_security_group.redis.id
  description                  = "From the ${each.key} hosts"
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
  referenced_security_group_id = aws_security_group.host[each.key].id
}
