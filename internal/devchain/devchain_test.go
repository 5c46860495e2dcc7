package devchain

import (
	"context"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/streamgate/streamgate/internal/testenv"
)

// TestMinesOnDemand: a transfer sent over HTTP JSON-RPC is mined at once.
func TestMinesOnDemand(t *testing.T) {
	key, _ := crypto.GenerateKey()
	from := crypto.PubkeyToAddress(key.PublicKey)
	c, err := Start("127.0.0.1:"+testenv.FreePort(t), map[common.Address]*big.Int{from: big.NewInt(1e18)})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	rpc, err := ethclient.Dial(c.RPCURL)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if id, err := rpc.ChainID(ctx); err != nil || id.Int64() != ID {
		t.Fatalf("chain id %v, %v", id, err)
	}
	to := common.Address{0xbb}
	tx := types.MustSignNewTx(key, types.LatestSignerForChainID(big.NewInt(ID)), &types.DynamicFeeTx{
		ChainID: big.NewInt(ID), Nonce: 0, GasTipCap: big.NewInt(1), GasFeeCap: big.NewInt(2e9), Gas: 21000, To: &to, Value: big.NewInt(5),
	})
	if err := rpc.SendTransaction(ctx, tx); err != nil {
		t.Fatal(err)
	}
	testenv.WaitFor(t, 10*time.Second, testenv.Holds("the transfer is mined", func() bool {
		bal, _ := rpc.BalanceAt(ctx, to, nil)
		return bal != nil && bal.Int64() == 5
	}))
}
